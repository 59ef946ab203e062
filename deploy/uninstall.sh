#!/usr/bin/env bash
# Removes the CommunityBot program and its systemd units. The database, the backups, the settings, the token and the
# keys stay (the data cannot be read without the keys), unless --delete-data is given: then they are all removed.
# Stop the service first:  systemctl disable --now communitybot communitybot-backup.timer
set -euo pipefail

root=""
prefix=/opt/communitybot
config=/etc/communitybot
data=/var/lib/communitybot
backups=/var/backups/communitybot
units=/etc/systemd/system
delete_data=0

while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2%/}"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --backups) backups="$2"; shift 2 ;;
    --units) units="$2"; shift 2 ;;
    --delete-data) delete_data=1; shift ;;
    *) echo "uninstall.sh: unknown option $1 (known: --root --prefix --config --data --backups --units --delete-data)" >&2; exit 2 ;;
  esac
done

# The running service holds this lock; removing its program or data under it would leave it half-gone.
lock="$root$data/communitybot.db.lock"
if [ -e "$lock" ] && ! flock -n "$lock" true 2>/dev/null; then
  echo "uninstall.sh: the service is running ($data is in use). Stop it first: systemctl disable --now communitybot communitybot-backup.timer" >&2
  exit 1
fi

for unit in communitybot.service communitybot-backup.service communitybot-backup.timer; do
  if [ -e "$root$units/$unit" ]; then
    rm -f "$root$units/$unit"
    echo "removed $units/$unit"
  fi
done
if [ -e "$root$prefix" ] || [ -L "$root$prefix" ]; then
  rm -rf "$root$prefix"
  echo "removed $prefix"
fi

if [ "$delete_data" = 1 ]; then
  for path in "$data" "$backups" "$config"; do
    if [ -e "$root$path" ]; then
      rm -rf "$root$path"
      echo "removed $path"
    fi
  done
  echo "The data, the backups and the keys are deleted. (The user account stays: userdel communitybot)"
else
  echo "Kept: $data (the database), $backups, $config (settings, token and keys: the data needs them)."
  echo "To delete those too: uninstall.sh --delete-data"
fi
