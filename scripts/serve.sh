#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on
# http://127.0.0.1:8080 (Ctrl-C stops it).
source "$(dirname "$0")/lib.sh"
setup_all
log "Serving Chefsache on http://127.0.0.1:8080"
exec "${RELEASE_ENV[@]}" trunk serve --release "$@"
