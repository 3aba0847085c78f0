#!/usr/bin/env bash
# Resets the test server copy before provisioning: the configuration as unpacked (kept aside on first
# use), no ledger, no broker journal, no transaction log (its records name the brokers of earlier runs,
# which recovery would look for on every scan). One copy then serves every profile (H2 and embedded broker, or
# PostgreSQL and the standalone broker) without one's settings leaking into the other's run.
set -euo pipefail
home=${1:?usage: reset.sh <jboss-home>}
config=$home/standalone/configuration
[ -f "$config/standalone-full.xml.unpacked" ] || cp "$config/standalone-full.xml" "$config/standalone-full.xml.unpacked"
cp "$config/standalone-full.xml.unpacked" "$config/standalone-full.xml"
rm -rf "$config/standalone_xml_history" "$home/standalone/data/rewind" "$home/standalone/data/activemq" \
       "$home/standalone/data/tx-object-store"
