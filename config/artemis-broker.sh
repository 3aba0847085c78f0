#!/usr/bin/env bash
# Rewind's standalone Apache Artemis broker: the remote broker of a production setup, or one to try
# rewind-messaging-remote.cli against. Its queues, dead-letter address and redelivery policy match
# the embedded default (rewind-messaging.cli), under the same core addresses (jms.queue.rewind.*).
#
#   config/artemis-broker.sh create <instance-dir> [extra-queue ...]   make a broker instance (once)
#   config/artemis-broker.sh start  <instance-dir>                     start it in the background, wait until it accepts
#   config/artemis-broker.sh stop   <instance-dir>                     stop it (messages are kept in <instance-dir>/data)
#
# create takes the broker from ARTEMIS_HOME, or downloads org.apache.activemq:apache-artemis (bin) from
# Maven Central with Maven into ~/.cache/rewind. It does nothing when the instance exists (delete the
# folder to create it again: that deletes its messages too). Settings, from the environment:
#   REWIND_BROKER_HOST (127.0.0.1)  REWIND_BROKER_PORT (61616)  the only listener (core and other protocols)
#   REWIND_BROKER_USER (rewind) REWIND_BROKER_PASSWORD  Rewind's servers: send, consume, manage (required)
#   REWIND_APP_PASSWORD (rewind-app-pw)                 user rewind-app: may only send to rewind.inbound
#   REWIND_MAX_DELIVERY_ATTEMPTS (3) REWIND_REDELIVERY_DELAY ms (1000) REWIND_REDELIVERY_MULTIPLIER (2.0)
#   REWIND_MAX_REDELIVERY_DELAY ms (30000)
set -euo pipefail

ARTEMIS_VERSION=${ARTEMIS_VERSION:-2.44.0}
command=${1:-}
instance=${2:-}
[ -n "$command" ] && [ -n "$instance" ] || { sed -n '2,20p' "$0" >&2; exit 2; }

artemis_home() {
    if [ -n "${ARTEMIS_HOME:-}" ]; then echo "$ARTEMIS_HOME"; return; fi
    local cache=${XDG_CACHE_HOME:-$HOME/.cache}/rewind
    local home=$cache/apache-artemis-$ARTEMIS_VERSION
    if [ ! -x "$home/bin/artemis" ]; then
        mkdir -p "$cache"
        mvn -q -B dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
            -DoutputDirectory="$cache" >&2
        tar xzf "$cache/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz" -C "$cache"
    fi
    echo "$home"
}

# The address settings and security of Rewind's queues, inserted into the generated broker.xml.
rewind_settings() {
    local queue
    for queue in jms.queue.rewind.inbound jms.queue.rewind.compensation; do
        cat <<XML
         <address-setting match="$queue">
            <dead-letter-address>jms.queue.rewind.DLQ</dead-letter-address>
            <expiry-address>ExpiryQueue</expiry-address>
            <max-delivery-attempts>${REWIND_MAX_DELIVERY_ATTEMPTS:-3}</max-delivery-attempts>
            <redelivery-delay>${REWIND_REDELIVERY_DELAY:-1000}</redelivery-delay>
            <redelivery-delay-multiplier>${REWIND_REDELIVERY_MULTIPLIER:-2.0}</redelivery-delay-multiplier>
            <max-redelivery-delay>${REWIND_MAX_REDELIVERY_DELAY:-30000}</max-redelivery-delay>
            <auto-create-queues>false</auto-create-queues>
            <auto-create-addresses>false</auto-create-addresses>
         </address-setting>
XML
    done
}

rewind_security() {
    # The most specific match wins whole, so the inbound queue repeats the broker role's permissions.
    cat <<XML
         <security-setting match="jms.queue.rewind.inbound">
            <permission type="createNonDurableQueue" roles="amq"/>
            <permission type="deleteNonDurableQueue" roles="amq"/>
            <permission type="createDurableQueue" roles="amq"/>
            <permission type="deleteDurableQueue" roles="amq"/>
            <permission type="createAddress" roles="amq"/>
            <permission type="deleteAddress" roles="amq"/>
            <permission type="consume" roles="amq"/>
            <permission type="browse" roles="amq"/>
            <permission type="send" roles="amq,rewind-sender"/>
            <permission type="manage" roles="amq"/>
         </security-setting>
XML
}

create() {
    if [ -f "$instance/etc/broker.xml" ]; then
        echo "Broker instance $instance exists; left as it is"
        return
    fi
    local password=${REWIND_BROKER_PASSWORD:?set REWIND_BROKER_PASSWORD: the password of the broker user Rewind connects as}
    local queues=jms.queue.rewind.inbound:anycast,jms.queue.rewind.compensation:anycast,jms.queue.rewind.DLQ:anycast
    local extra
    for extra in "$@"; do queues=$queues,jms.queue.$extra:anycast; done
    "$(artemis_home)/bin/artemis" create --silent --user "${REWIND_BROKER_USER:-rewind}" --password "$password" \
        --role amq --require-login --host "${REWIND_BROKER_HOST:-127.0.0.1}" --default-port "${REWIND_BROKER_PORT:-61616}" \
        --name rewind --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
        --queues "$queues" "$instance" >/dev/null
    local broker=$instance/etc/broker.xml settings security
    settings=$(mktemp) security=$(mktemp)
    rewind_settings > "$settings"
    rewind_security > "$security"
    sed -i -e "/<address-settings>/r $settings" -e "/<security-settings>/r $security" "$broker"
    rm -f "$settings" "$security"
    grep -q 'match="jms.queue.rewind.inbound"' "$broker" || { echo "could not configure $broker" >&2; exit 1; }
    # The sending application's user (plain text here; artemis user reset can store a hash instead).
    printf '\nrewind-app = %s\n' "${REWIND_APP_PASSWORD:-rewind-app-pw}" >> "$instance/etc/artemis-users.properties"
    printf '\nrewind-sender = rewind-app\n' >> "$instance/etc/artemis-roles.properties"
    echo "Broker instance created in $instance (tcp://${REWIND_BROKER_HOST:-127.0.0.1}:${REWIND_BROKER_PORT:-61616})"
}

start() {
    [ -f "$instance/etc/broker.xml" ] || { echo "no broker instance in $instance: create it first" >&2; exit 1; }
    if "$instance/bin/artemis-service" status >/dev/null 2>&1; then
        echo "Broker $instance is running"
        return
    fi
    local log=$instance/log/artemis.log
    local before=0
    [ -f "$log" ] && before=$(grep -c AMQ221007 "$log" || true)
    "$instance/bin/artemis-service" start >/dev/null
    for _ in $(seq 1 120); do
        if [ -f "$log" ] && [ "$(grep -c AMQ221007 "$log" || true)" -gt "$before" ]; then
            echo "Broker $instance started"
            return
        fi
        "$instance/bin/artemis-service" status >/dev/null 2>&1 || { echo "broker $instance exited; see $log" >&2; exit 1; }
        sleep 0.5
    done
    echo "broker $instance did not start within 60 s; see $log" >&2
    exit 1
}

stop() {
    if [ -x "$instance/bin/artemis-service" ]; then
        "$instance/bin/artemis-service" stop >/dev/null || true
    fi
    echo "Broker $instance stopped"
}

shift 2
case "$command" in
create) create "$@" ;;
start) start ;;
stop) stop ;;
*) echo "unknown command $command" >&2; exit 2 ;;
esac
