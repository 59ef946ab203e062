#!/usr/bin/env bash
# One backup of the CommunityBot database, then only the newest N are kept. Run daily by communitybot-backup.timer;
# by hand: sudo -u communitybot /opt/communitybot/deploy/backup.sh
set -euo pipefail
umask 077

bot=/opt/communitybot/Bot
data=/var/lib/communitybot
backups=/var/backups/communitybot
keep=14

while [ $# -gt 0 ]; do
  case "$1" in
    --bot) bot="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --backups) backups="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "backup.sh: unknown option $1 (known: --bot --data --backups --keep)" >&2; exit 2 ;;
  esac
done
case "$keep" in
  ''|*[!0-9]*|0) echo "backup.sh: --keep takes a whole number of backups, at least 1" >&2; exit 2 ;;
esac

mkdir -p "$backups"
# UTC, so that the names sort in the order they were taken.
name="communitybot-$(date -u +%Y%m%d-%H%M%S).backup"
partial="$backups/.$name.partial"
trap 'rm -f "$partial"' EXIT
"$bot" backup --data "$data" --out "$partial"
mv "$partial" "$backups/$name"
echo "backup written: $backups/$name"

# Oldest first; all but the newest $keep go. A failed backup above never reaches this line, so the old ones stay.
mapfile -t all < <(find "$backups" -maxdepth 1 -type f -name 'communitybot-*.backup' -printf '%f\n' | sort)
excess=$(( ${#all[@]} - keep ))
for (( i = 0; i < excess; i++ )); do
  rm -f "$backups/${all[$i]}"
  echo "old backup removed: ${all[$i]}"
done
