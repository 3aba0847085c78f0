#!/usr/bin/env bash
# Configures an unpacked WildFly for Rewind's embedded default, offline (no server running):
# applies the given jboss-cli scripts in an embedded server, then creates the demo users.
#
#   config/provision.sh <jboss-home> [script.cli ...]
#
# With no scripts it applies rewind-messaging.cli, rewind-datasource-h2.cli, rewind-recovery.cli,
# rewind-observability.cli and rewind-security.cli. Every script is
# idempotent, so running this twice changes nothing the second time.
# Demo passwords come from REWIND_APP_PASSWORD, REWIND_OPERATOR_PASSWORD and REWIND_VIEWER_PASSWORD;
# REWIND_DEMO_USERS=none adds no users (production: add your own with add-user.sh).
set -euo pipefail

home=${1:?usage: provision.sh <jboss-home> [script.cli ...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] || scripts=(rewind-messaging.cli rewind-datasource-h2.cli rewind-recovery.cli rewind-observability.cli rewind-security.cli)

work=$(mktemp)
trap 'rm -f "$work"' EXIT
{
    echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    for s in "${scripts[@]}"; do
        case "$s" in /*) cat "$s" ;; *) cat "$here/$s" ;; esac
        echo
    done
    echo "stop-embedded-server"
} > "$work"
"$home/bin/jboss-cli.sh" --file="$work"

if [ "${REWIND_DEMO_USERS:-}" = none ]; then
    echo "Rewind configuration applied to $home (no demo users)"
    exit 0
fi

# Users of the ApplicationRealm (add-user updates a user that exists, so this is idempotent too).
#  rewind-app: another application sending JMS messages (role guest may send and consume)
#              and sending through the Rewind EJB (rewind-sender).
#  operator / viewer: people using the admin API.
#  approver: decides what the approval policy holds back (four eyes); may view, not operate.
#  lead: operator and approver at once, who still cannot approve their own requests.
add_user() {
    "$home/bin/add-user.sh" -a -s -u "$1" -p "$2" -g "$3" >/dev/null
}
add_user rewind-app "${REWIND_APP_PASSWORD:-rewind-app-pw}" guest,rewind-sender
add_user operator "${REWIND_OPERATOR_PASSWORD:-operator-pw}" rewind-operator,rewind-viewer
add_user viewer "${REWIND_VIEWER_PASSWORD:-viewer-pw}" rewind-viewer
add_user approver "${REWIND_APPROVER_PASSWORD:-approver-pw}" rewind-approver,rewind-viewer
add_user lead "${REWIND_LEAD_PASSWORD:-lead-pw}" rewind-operator,rewind-approver,rewind-viewer
echo "Rewind configuration applied to $home"
