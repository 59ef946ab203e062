#!/usr/bin/env bash
# Installs CommunityBot from a published folder (README, "Operating it"): the service user, the folders with their
# modes, the systemd units, an empty token file, the settings file and sealed keys. Nothing that exists is
# overwritten; a second run changes nothing. --upgrade replaces the program files only.
#
#   sudo deploy/install.sh --from ./publish                 # as root, on the server
#   deploy/install.sh --root /tmp/try --skip-user ...       # into a folder, to see what it would do
set -euo pipefail
umask 077

usage() {
  cat <<'USAGE'
Usage: install.sh [options]
  --from DIR             the published program (default: the folder above this script)
  --root DIR             install under this folder instead of / (paths below are inside it)
  --prefix PATH          the program                 (default /opt/communitybot)
  --config PATH          settings, token, keys       (default /etc/communitybot)
  --data PATH            the database                (default /var/lib/communitybot)
  --backups PATH         daily backups               (default /var/backups/communitybot)
  --units PATH           systemd units               (default /etc/systemd/system)
  --user NAME            the service user            (default communitybot)
  --skip-user            do not create the user or hand files to it; print what would be run
  --bot COMMAND          the program that creates the keys (default: PREFIX/Bot)
  --passphrase-file FILE the keys' passphrase (default: asked twice on standard input)
  --upgrade              replace the program files in PREFIX (settings, keys and data are never touched)
USAGE
}

from="$(cd "$(dirname "$0")/.." && pwd)"
root=""
prefix=/opt/communitybot
config=/etc/communitybot
data=/var/lib/communitybot
backups=/var/backups/communitybot
units=/etc/systemd/system
user=communitybot
skip_user=0
bot=""
passphrase_file=""
upgrade=0

while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    --root) root="${2%/}"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --backups) backups="$2"; shift 2 ;;
    --units) units="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --skip-user) skip_user=1; shift ;;
    --bot) bot="$2"; shift 2 ;;
    --passphrase-file) passphrase_file="$2"; shift 2 ;;
    --upgrade) upgrade=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

deploy="$from/deploy"
if [ ! -x "$from/Bot" ] || [ ! -d "$deploy" ]; then
  echo "install.sh: $from is not a published CommunityBot (no Bot program or no deploy/ folder in it)." >&2
  echo "Publish it first: dotnet publish Bot -c Release -r linux-x64 --self-contained -o ./publish" >&2
  exit 2
fi
if [ "$skip_user" = 0 ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: creating the user $user and handing it its files needs root; run with sudo, or pass --skip-user." >&2
  exit 2
fi

changed=0
say() { echo "$*"; }

# Runs the command, or with --skip-user only prints it.
as_root() {
  if [ "$skip_user" = 1 ]; then
    say "skipped (--skip-user): $*"
  else
    "$@"
  fi
}

folder() { # folder PATH MODE OWNER
  local path="$root$1"
  if [ ! -d "$path" ]; then
    mkdir -p "$path"
    chmod "$2" "$path"
    as_root chown "$3" "$path"
    say "created $1 (mode $2, owner $3)"
    changed=1
  fi
}

# The paths written into the units are the live ones (without --root).
unit_from() { # unit_from SOURCE NAME
  local path="$root$units/$2"
  if [ ! -e "$path" ]; then
    sed -e "s#/opt/communitybot#$prefix#g" -e "s#/etc/communitybot#$config#g" \
        -e "s#/var/lib/communitybot#$data#g" -e "s#/var/backups/communitybot#$backups#g" \
        -e "s#^User=communitybot#User=$user#" -e "s#^Group=communitybot#Group=$user#" \
        "$1" > "$path.new"
    chmod 0644 "$path.new"
    mv "$path.new" "$path"
    say "installed $units/$2"
    changed=1
  fi
}

# 1. The service user: a system account with no shell and no home of its own.
if [ "$skip_user" = 1 ] || ! id -u "$user" >/dev/null 2>&1; then
  as_root useradd --system --user-group --no-create-home --home-dir "$data" --shell /usr/sbin/nologin "$user"
  [ "$skip_user" = 1 ] || { say "created the user $user"; changed=1; }
fi

# 2. Folders: the program is root's and readable; settings readable by the service only; data and backups its own.
folder "$prefix" 0755 root:root
folder "$config" 0750 "root:$user"
folder "$data" 0700 "$user:$user"
folder "$backups" 0700 "$user:$user"
mkdir -p "$root$units"

# 3. The program (replaced only with --upgrade).
if [ ! -e "$root$prefix/Bot" ] || [ "$upgrade" = 1 ]; then
  if [ "$upgrade" = 1 ] && [ -e "$root$prefix/Bot" ] && diff -rq "$from" "$root$prefix" --exclude=appsettings.Production.json >/dev/null 2>&1; then
    :
  else
    (cd "$from" && find . -type f ! -name appsettings.Production.json -print0 | while IFS= read -r -d '' f; do
      install -D -m "$( [ -x "$f" ] && echo 0755 || echo 0644 )" "$f" "$root$prefix/$f"
    done)
    say "installed the program into $prefix"
    changed=1
  fi
fi

# 4. Settings: the operator's file lives in the config folder; the program reads it through a link beside it.
if [ ! -e "$root$config/appsettings.json" ]; then
  sed -e "s#/etc/communitybot#$config#g" "$deploy/appsettings.Production.json" > "$root$config/appsettings.json.new"
  chmod 0640 "$root$config/appsettings.json.new"
  mv "$root$config/appsettings.json.new" "$root$config/appsettings.json"
  as_root chown "root:$user" "$root$config/appsettings.json"
  say "installed $config/appsettings.json (mode 0640, owner root:$user)"
  changed=1
fi
if [ ! -L "$root$prefix/appsettings.Production.json" ] && [ ! -e "$root$prefix/appsettings.Production.json" ]; then
  ln -s "$config/appsettings.json" "$root$prefix/appsettings.Production.json"
  say "linked $prefix/appsettings.Production.json to $config/appsettings.json"
  changed=1
fi

# 5. The Telegram token: an empty file for the operator to fill (never in the settings file).
if [ ! -e "$root$config/telegram-token" ]; then
  : > "$root$config/telegram-token"
  chmod 0600 "$root$config/telegram-token"
  as_root chown "$user:$user" "$root$config/telegram-token"
  say "created $config/telegram-token (mode 0600, owner $user): write the bot's token into it"
  changed=1
fi

# 6. Sealed keys, made once. Without them (and their passphrase) the stored texts cannot be read: never overwritten.
if [ ! -e "$root$config/keys.json" ]; then
  bot_command="${bot:-$root$prefix/Bot}"
  if [ -n "$passphrase_file" ]; then
    "$bot_command" keys init --sealed --key-file "$root$config/keys.json" --passphrase-file "$passphrase_file"
  else
    "$bot_command" keys init --sealed --key-file "$root$config/keys.json"
  fi
  chmod 0600 "$root$config/keys.json"
  as_root chown "$user:$user" "$root$config/keys.json"
  changed=1
fi

# 7. Units: the service and the daily backup.
unit_from "$deploy/communitybot.service" communitybot.service
unit_from "$deploy/communitybot-backup.service" communitybot-backup.service
unit_from "$deploy/communitybot-backup.timer" communitybot-backup.timer

if [ "$changed" = 0 ]; then
  say "Nothing to do: everything is installed already."
  exit 0
fi
cat <<NEXT

Next (README, "Operating it"):
  1. Write the bot's token into $config/telegram-token and the group ids into $config/appsettings.json.
  2. Give the service the keys' passphrase as an encrypted credential:
       systemd-creds encrypt --with-key=tpm2 --name=keys-passphrase - $config/keys-passphrase.cred
  3. systemctl daemon-reload && systemctl enable --now communitybot communitybot-backup.timer
NEXT
