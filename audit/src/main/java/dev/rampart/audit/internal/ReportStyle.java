package dev.rampart.audit.internal;

/** The report's one style sheet: system fonts only, no external resources, print-friendly. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS = """
      :root { --ink: #0f172a; --muted: #475569; --line: #e2e8f0; --bg: #f8fafc; --card: #ffffff;
        --accent: #1d4ed8; --good: #047857; --bad: #b91c1c; --warn: #b45309; --violet: #6d28d9; }
      * { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; }
      body { margin: 0; background: var(--bg); color: var(--ink);
        font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        sans-serif; }
      .wrap { max-width: 1200px; margin: 0 auto; padding: 0 28px; }
      header.masthead { background: #0b1f3a; color: #e2e8f0; padding: 26px 0 22px; }
      .brand { font-size: 12px; letter-spacing: .14em; text-transform: uppercase; color: #93c5fd; }
      h1 { margin: 6px 0 8px; font-size: 26px; font-weight: 650; color: #ffffff; }
      .meta { display: flex; flex-wrap: wrap; gap: 6px 26px; font-size: 13px; color: #cbd5e1; }
      .meta b { color: #ffffff; font-weight: 600; }
      nav.toc { border-bottom: 1px solid var(--line); background: #ffffff; }
      nav.toc .wrap { display: flex; flex-wrap: wrap; gap: 4px 20px; padding-top: 11px;
        padding-bottom: 11px; }
      nav.toc a { color: var(--accent); text-decoration: none; font-size: 13px; font-weight: 500; }
      nav.toc a:hover { text-decoration: underline; }
      main { display: block; }
      section { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
        padding: 20px 24px; margin-top: 20px; }
      h2 { margin: 0 0 4px; font-size: 18px; font-weight: 650; }
      h3 { margin: 18px 0 8px; font-size: 14px; font-weight: 650; color: var(--muted);
        text-transform: uppercase; letter-spacing: .06em; }
      p.lead { margin: 0 0 14px; color: var(--muted); }
      .banner { display: flex; align-items: center; gap: 16px; border-width: 1px 1px 1px 6px; }
      .banner .state { font-weight: 700; font-size: 13px; letter-spacing: .08em;
        text-transform: uppercase; padding: 4px 10px; border-radius: 999px; white-space: nowrap; }
      .banner.verified { border-left-color: var(--good); }
      .banner.verified .state { background: #d1fae5; color: var(--good); }
      .banner.failed { border-left-color: var(--bad); background: #fef2f2; }
      .banner.failed .state { background: #fee2e2; color: var(--bad); }
      .banner.unverified { border-left-color: var(--warn); }
      .banner.unverified .state { background: #fef3c7; color: var(--warn); }
      .banner .headline { font-size: 15px; overflow-wrap: anywhere; }
      .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
      @media (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } }
      .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
        background: #ffffff; }
      .card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
      .card .label { font-size: 12px; color: var(--muted); }
      .card.good .value { color: var(--good); }
      .card.bad .value { color: var(--bad); }
      table { width: 100%; border-collapse: collapse; font-size: 13px; }
      th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line);
        vertical-align: top; }
      th { font-size: 12px; color: var(--muted); font-weight: 600; background: #f1f5f9; }
      tbody tr:nth-child(even) td { background: #fafbfd; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.mono, span.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas,
        monospace; font-size: 12px; overflow-wrap: anywhere; }
      table.kv td:first-child { width: 32%; color: var(--muted); }
      .flag { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 999px;
        background: #fee2e2; color: var(--bad); font-size: 12px; font-weight: 600; }
      .pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px;
        font-weight: 600; background: #ede9fe; color: var(--violet); }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr));
        gap: 16px; }
      svg.chart { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px; }
      .chart-bg { fill: #ffffff; }
      .chart-title { font-size: 13px; font-weight: 650; fill: var(--ink); }
      .chart-empty { font-size: 13px; fill: var(--muted); }
      .grid { stroke: #eef2f7; stroke-width: 1; }
      .axis { stroke: #94a3b8; stroke-width: 1; }
      .tick { font-size: 11px; fill: var(--muted); }
      .axis-label { font-size: 11px; fill: var(--muted); }
      .legend { font-size: 11px; fill: var(--ink); }
      .edge { stroke-width: 2; fill: none; }
      .edge.abandoned { stroke-dasharray: 4 3; stroke-opacity: .35; }
      .pt.abandoned { fill-opacity: .35; }
      .rollback-marker { stroke: var(--violet); stroke-width: 1.5; stroke-dasharray: 5 4; }
      .marker-label { font-size: 10px; fill: var(--violet); font-weight: 600; }
      .scroll { overflow-x: auto; }
      svg.heatmap, svg.lineage { display: block; max-width: none; }
      .row-label { font-size: 11px; fill: var(--ink); }
      .row-total { font-size: 11px; fill: var(--muted); }
      .row-total.hot { fill: var(--bad); }
      .cell { stroke: #ffffff; stroke-width: .5; }
      .cell.excluded { fill: #b91c1c; }
      .cell.suspected { fill: #f59e0b; }
      .cell.accepted { fill: #6fbf9f; }
      .cell.rejected { fill: #7c3aed; }
      .cell.missing { fill: #e2e8f0; }
      .glyph { font-size: 11px; font-weight: 700; fill: #ffffff; pointer-events: none; }
      .legend-row { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 4px 0 12px;
        font-size: 12px; color: var(--muted); }
      .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px;
        vertical-align: -2px; margin-right: 6px; }
      .swatch.excluded { background: #b91c1c; } .swatch.suspected { background: #f59e0b; }
      .swatch.accepted { background: #6fbf9f; } .swatch.rejected { background: #7c3aed; }
      .swatch.missing { background: #e2e8f0; }
      .link { stroke: #1d4ed8; stroke-width: 2.2; fill: none; }
      .link.abandoned { stroke: #94a3b8; stroke-dasharray: 4 3; }
      .link.branch { stroke: var(--violet); }
      .node circle { fill: #1d4ed8; stroke: #ffffff; stroke-width: 2; }
      .node.abandoned circle { fill: #94a3b8; }
      .node.latest circle { fill: var(--good); stroke: #a7f3d0; stroke-width: 3; }
      .node-label { font-size: 11px; font-weight: 600; fill: var(--ink); }
      .node-sub { font-size: 10px; fill: var(--muted); }
      .reasons { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 12px; }
      .warn-list { margin: 8px 0 0; padding-left: 20px; color: var(--bad); }
      .empty { color: var(--muted); font-style: italic; }
      footer { color: var(--muted); font-size: 12px; margin-top: 24px; padding-bottom: 36px; }
      td.nowrap { white-space: nowrap; }
      .tag { display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 999px;
        background: #e2e8f0; color: var(--muted); font-size: 11px; font-weight: 600; }
      .branch-label { font-size: 10px; fill: var(--violet); font-weight: 600; }
      @media print { body { background: #ffffff; } section { break-inside: avoid; }
        nav.toc { display: none; } }
      """;
}
