#!/usr/bin/env bash
# A real Redmine for the hand-off connector tests: Debian's package on its SQLite database.
#
#   .ci/redmine.sh start DIR [PORT]   installs Redmine when missing, starts it on 127.0.0.1,
#                                     enables its REST API and prints "URL API-KEY" (admin's)
#   .ci/redmine.sh stop DIR
#
# Needs root and apt (Debian 12 ships Redmine 5.0). Progress goes to stderr.
set -euo pipefail

action=${1:?start or stop}
dir=${2:?a folder for the pid file and the log}
port=${3:-3391}
redmine=/usr/share/redmine

log() { echo "redmine: $*" >&2; }

if [ "$action" = stop ]; then
  if [ -f "$dir/redmine.pid" ]; then
    kill "$(cat "$dir/redmine.pid")" 2>/dev/null || true
    rm -f "$dir/redmine.pid"
  fi
  exit 0
fi
[ "$action" = start ] || { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2; }
mkdir -p "$dir"
started=$(date +%s)

if ! dpkg -s redmine-sqlite thin >/dev/null 2>&1; then
  log "installing Debian's redmine, redmine-sqlite and thin"
  # Answer dbconfig-common's questions: configure the default instance on SQLite.
  debconf-set-selections <<'EOF'
redmine redmine/instances/default/dbconfig-install boolean true
redmine redmine/instances/default/database-type select sqlite3
redmine redmine/instances/default/default-language string en
EOF
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redmine redmine-sqlite thin \
    >"$dir/install.log" 2>&1 || { tail -40 "$dir/install.log" >&2; exit 1; }
  log "installed in $(($(date +%s) - started)) s"
fi
if ! grep -q "adapter: sqlite3" /etc/redmine/default/database.yml 2>/dev/null; then
  log "the package did not configure its database (see /etc/redmine/default/database.yml)"
  exit 1
fi

cd "$redmine"
# The package loads trackers and statuses on a fresh install; this is a no-op then.
bin/rails redmine:load_default_data REDMINE_LANG=en -e production >/dev/null 2>&1 || true
key=$(bin/rails runner -e production \
  'Setting.rest_api_enabled = "1"; puts User.find_by_login("admin").api_key' 2>/dev/null | tail -1)
[ -n "$key" ] || { log "could not read the admin's API key"; exit 1; }

if [ -f "$dir/redmine.pid" ] && kill -0 "$(cat "$dir/redmine.pid")" 2>/dev/null; then
  log "already running"
else
  setsid bin/rails server -e production -b 127.0.0.1 -p "$port" -P "$dir/redmine.pid" \
    >"$dir/redmine.log" 2>&1 </dev/null &
fi
url="http://127.0.0.1:$port"
for _ in $(seq 120); do
  curl -sf -o /dev/null -H "X-Redmine-API-Key: $key" "$url/issue_statuses.json" && break
  sleep 0.5
done
if ! curl -sf -o /dev/null -H "X-Redmine-API-Key: $key" "$url/issue_statuses.json"; then
  log "did not answer on $url"; tail -30 "$dir/redmine.log" >&2; exit 1
fi
log "answering on $url, $(($(date +%s) - started)) s after the start of this script"
echo "$url $key"
