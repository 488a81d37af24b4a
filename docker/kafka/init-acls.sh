#!/bin/sh
# One-off step of docker/compose.yaml, run as the super user once the broker answers: a SCRAM user
# per party (password from the secrets volume) and the job's ACLs of docs/kafka-security.md.
# Arguments: the topic prefix and job, then the client ids.
set -eu
prefix="$1"; job="$2"; shift 2
t="$prefix.$job"
umask 077
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat /secrets/admin)";
PROPS
bin=/opt/kafka/bin
admin="--bootstrap-server kafka:9092 --command-config /tmp/admin.properties"

for party in coordinator "$@"; do
  $bin/kafka-configs.sh $admin --alter --entity-type users --entity-name "$party" \
    --add-config "SCRAM-SHA-256=[iterations=8192,password=$(cat "/secrets/$party")]"
done

acl="$bin/kafka-acls.sh $admin --add"
$acl --allow-principal User:coordinator --operation Create --topic "$t." --resource-pattern-type prefixed
$acl --allow-principal User:coordinator --operation Write \
  --topic "$t.plans" --topic "$t.models" --topic "$t.shards" --topic "$t.audit" --topic "$t.secagg"
$acl --allow-principal User:coordinator --operation Read \
  --topic "$t.updates" --topic "$t.secagg" --topic "$t.audit"
$acl --allow-principal User:coordinator --operation Read --group "$t.coordinator"
for client in "$@"; do
  $acl --allow-principal "User:$client" --operation Write --topic "$t.updates" --topic "$t.secagg"
  $acl --allow-principal "User:$client" --operation Read \
    --topic "$t.plans" --topic "$t.models" --topic "$t.shards" --topic "$t.secagg"
done
