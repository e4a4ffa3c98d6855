#!/bin/sh
# Remove pfrelax that install.sh installed for this user.
#
#   uninstall.sh                    remove the app, the command, the menu entry and the icon
#   uninstall.sh --delete-my-data   also delete your sessions history, check-ins, packs and
#                                   settings (there is no undo; back up first from Progress)
#
# Without --delete-my-data your own data is never touched, so installing again finds it.
set -eu

delete_data=no
for argument in "$@"; do
  case $argument in
    --delete-my-data) delete_data=yes ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall.sh: unknown option '$argument'; the only option is --delete-my-data" >&2
       exit 1 ;;
  esac
done

: "${HOME:?HOME is not set}"
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
cache_home=${XDG_CACHE_HOME:-$HOME/.cache}
app_dir=$data_home/pfrelax-app
manifest=$app_dir/installed-files

if [ "$delete_data" = yes ]; then
  for dir in "$data_home/pfrelax" "$config_home/pfrelax" "$cache_home/pfrelax"; do
    if [ -d "$dir" ]; then rm -rf -- "$dir"; echo "deleted $dir"; fi
  done
fi

if [ ! -d "$app_dir" ]; then
  echo "pfrelax is not installed in $app_dir; nothing to remove."
else
  if [ -f "$manifest" ]; then
    grep '^file ' "$manifest" | cut -c6- | while IFS= read -r path; do rm -f -- "$path"; done
  fi
  # The "start with my computer" entry the app writes when the person turns it on (and its
  # folder, if that is now empty: the app made it).
  rm -f -- "$config_home/autostart/pfrelax.desktop"
  rmdir -- "$config_home/autostart" 2>/dev/null || true
  dirs=""
  if [ -f "$manifest" ]; then dirs=$(grep '^dir ' "$manifest" | cut -c5- | sort -r || true); fi
  rm -rf -- "$app_dir"
  # Directories install.sh made, deepest first, only if nothing else lives in them now.
  printf '%s\n' "$dirs" | while IFS= read -r dir; do
    [ -n "$dir" ] && rmdir -- "$dir" 2>/dev/null || true
  done
  echo "pfrelax is removed."
fi

if [ "$delete_data" = no ] && [ -d "$data_home/pfrelax" ]; then
  echo "Your data is still in $data_home/pfrelax (delete it with --delete-my-data)."
fi
