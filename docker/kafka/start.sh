#!/bin/sh
# Starts the compose broker: fills the admin password into server.properties, formats storage
# once with the admin's SCRAM credential (brokers log in to each other with it), then runs Kafka.
set -eu
password="$(cat /secrets/admin)"
sed "s|@ADMIN_PASSWORD@|$password|g" /etc/rampart-kafka/server.properties > /tmp/server.properties
umask 077
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$password";
PROPS
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c /tmp/server.properties \
  --add-scram "SCRAM-SHA-256=[name=admin,password=$password]"
exec /opt/kafka/bin/kafka-server-start.sh /tmp/server.properties
