#!/bin/sh
# Remove pfrelax that install.sh installed for this user.
#
#   uninstall.sh                    remove the app, the command, the menu entry and the icon
#   uninstall.sh --delete-my-data   also delete your sessions history, check-ins, packs and
#                                   settings (there is no undo; back up first from Progress),
#                                   in the XDG folders and, when set, under $PFRELAX_HOME
#
# Without --delete-my-data your own data is never touched, so installing again finds it.
set -eu

delete_data=no
for argument in "$@"; do
  case $argument in
    --delete-my-data) delete_data=yes ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall.sh: unknown option '$argument'; the only option is --delete-my-data" >&2
       exit 1 ;;
  esac
done

: "${HOME:?HOME is not set}"
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
cache_home=${XDG_CACHE_HOME:-$HOME/.cache}
# With PFRELAX_HOME set the app keeps data, config and cache in these folders under it instead.
pfrelax_home=${PFRELAX_HOME:-}
user_data=$data_home/pfrelax
if [ -n "$pfrelax_home" ]; then user_data=$pfrelax_home/data; fi
app_dir=$data_home/pfrelax-app
manifest=$app_dir/installed-files

if [ "$delete_data" = yes ]; then
  set -- "$data_home/pfrelax" "$config_home/pfrelax" "$cache_home/pfrelax"
  if [ -n "$pfrelax_home" ]; then
    set -- "$@" "$pfrelax_home/data" "$pfrelax_home/config" "$pfrelax_home/cache"
  fi
  for dir in "$@"; do
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

if [ "$delete_data" = no ] && [ -d "$user_data" ]; then
  echo "Your data is still in $user_data (delete it with --delete-my-data)."
fi
