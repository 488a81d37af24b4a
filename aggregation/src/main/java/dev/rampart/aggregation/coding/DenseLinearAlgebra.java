package dev.rampart.aggregation.coding;

/**
 * Small dense linear algebra in double precision for constructing and decoding gradient codes:
 * Gaussian elimination with partial pivoting and Householder QR least squares. Matrices are
 * row-major {@code double[rows][columns]}; inputs are never modified. Sizes here are the number
 * of workers (tens to a few hundred), so O(m·n²) is fine. Stateless and thread-safe.
 */
final class DenseLinearAlgebra {

  private DenseLinearAlgebra() {}

  /**
   * Solves the square system {@code a·x = b}.
   *
   * @throws DecodingException when a pivot is below {@code 1e-12} times the largest entry
   */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(a[i][j]));
      }
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(m[pivot][col]) <= 1e-12 * scale) {
        throw new DecodingException("singular " + n + "x" + n + " system at column " + col);
      }
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double factor = m[r][col] / m[col][col];
        for (int c = col; c <= n; c++) {
          m[r][c] -= factor * m[col][c];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int c = r + 1; c < n; c++) {
        s -= m[r][c] * x[c];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }

  /**
   * Least squares {@code argmin_x ‖a·x − b‖₂} for a tall or square {@code a} (rows ≥ columns) of
   * full column rank, by Householder QR (no normal equations, so the conditioning is not squared).
   *
   * @throws DecodingException when {@code a} is numerically rank deficient
   */
  static double[] leastSquares(double[][] a, double[] b) {
    int rows = a.length;
    int cols = a[0].length;
    if (rows < cols) {
      throw new IllegalArgumentException("least squares needs rows ≥ columns, but had " + rows + "x" + cols);
    }
    double[][] r = new double[rows][];
    for (int i = 0; i < rows; i++) {
      r[i] = a[i].clone();
    }
    double[] y = b.clone();
    double scale = 0;
    for (double[] row : a) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int k = 0; k < cols; k++) {
      reflect(r, y, k, rows, cols, scale);
    }
    double[] x = new double[cols];
    for (int i = cols - 1; i >= 0; i--) {
      double s = y[i];
      for (int j = i + 1; j < cols; j++) {
        s -= r[i][j] * x[j];
      }
      x[i] = s / r[i][i];
    }
    return x;
  }

  // Applies the Householder reflection that zeroes column k below the diagonal to r and y.
  private static void reflect(double[][] r, double[] y, int k, int rows, int cols, double scale) {
    double norm = 0;
    for (int i = k; i < rows; i++) {
      norm = Math.hypot(norm, r[i][k]);
    }
    if (norm <= 1e-12 * scale) {
      throw new DecodingException("rank-deficient " + rows + "x" + cols + " least-squares system at column " + k);
    }
    double alpha = r[k][k] > 0 ? -norm : norm;
    double[] v = new double[rows - k];
    for (int i = k; i < rows; i++) {
      v[i - k] = r[i][k];
    }
    v[0] -= alpha;
    double vv = 0;
    for (double e : v) {
      vv += e * e;
    }
    for (int j = k; j < cols; j++) {
      double dot = 0;
      for (int i = k; i < rows; i++) {
        dot += v[i - k] * r[i][j];
      }
      double f = 2 * dot / vv;
      for (int i = k; i < rows; i++) {
        r[i][j] -= f * v[i - k];
      }
    }
    double dot = 0;
    for (int i = k; i < rows; i++) {
      dot += v[i - k] * y[i];
    }
    double f = 2 * dot / vv;
    for (int i = k; i < rows; i++) {
      y[i] -= f * v[i - k];
    }
  }
}
