#!/bin/sh
# Install pfrelax for this user only (no root): the app, a `pfrelax` command and a menu entry.
# In discreet mode the app rewrites the menu entry's Name, Comment and Icon (desktop/menu_entry.py).
#
#   ./install.sh            from the unpacked folder
#
# Where things go (the XDG variables are respected when set):
#   app        ${XDG_DATA_HOME:-~/.local/share}/pfrelax-app/
#   command    ${XDG_BIN_HOME:-~/.local/bin}/pfrelax
#   menu       ${XDG_DATA_HOME:-~/.local/share}/applications/pfrelax.desktop
#   icon       ${XDG_DATA_HOME:-~/.local/share}/icons/hicolor/{scalable,256x256}/apps/pfrelax.*
# Your own data (${XDG_DATA_HOME:-~/.local/share}/pfrelax and the config folder) is not touched.
# Installing again replaces the app in one step; `uninstall.sh` removes it again.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
: "${HOME:?HOME is not set}"
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_home=${XDG_BIN_HOME:-$HOME/.local/bin}
app_dir=$data_home/pfrelax-app
launcher=$bin_home/pfrelax
desktop=$data_home/applications/pfrelax.desktop
icons=$data_home/icons/hicolor
manifest=$app_dir/installed-files

if [ ! -x "$here/app/pfrelax" ]; then
  echo "install.sh: $here/app/pfrelax is missing; run install.sh from the unpacked pfrelax folder" >&2
  exit 1
fi

# Directories we create are recorded so uninstall.sh can remove them again if they are empty.
created=""
make_dir() {
  if [ ! -d "$1" ]; then
    make_dir "$(dirname -- "$1")"
    mkdir -- "$1"
    created="$created$1
"
  fi
}

make_dir "$data_home"
staging=$(mktemp -d "$data_home/.pfrelax-app.new.XXXXXX")
trap 'rm -rf -- "$staging"' EXIT
cp -R -- "$here/app/." "$staging/"
cp -- "$here/uninstall.sh" "$staging/uninstall.sh"
chmod 755 "$staging" "$staging/uninstall.sh"

# Keep the record of directories made by an earlier install, so none is forgotten.
if [ -f "$manifest" ]; then
  grep '^dir ' "$manifest" > "$staging/installed-files.old" || true
fi

# Swap the new app in: the old one is moved aside first and deleted last.
if [ -d "$app_dir" ]; then
  old=$(mktemp -d "$data_home/.pfrelax-app.old.XXXXXX")
  rmdir -- "$old"
  mv -- "$app_dir" "$old"
  if ! mv -- "$staging" "$app_dir"; then
    mv -- "$old" "$app_dir"  # put the old app back: never no app at all
    echo "install.sh: could not move the new app into $app_dir; the old one is kept" >&2
    exit 1
  fi
  rm -rf -- "$old"
else
  mv -- "$staging" "$app_dir"
fi
trap - EXIT

write_file() {  # write_file PATH MODE: stdin to PATH through a temporary file and a rename
  make_dir "$(dirname -- "$1")"
  tmp=$(mktemp "$1.XXXXXX")
  cat > "$tmp"
  chmod "$2" "$tmp"
  mv -f -- "$tmp" "$1"
}

write_file "$launcher" 755 <<LAUNCHER
#!/bin/sh
# pfrelax launcher, written by install.sh; uninstall.sh removes it.
exec "$app_dir/pfrelax" "\$@"
LAUNCHER

write_file "$desktop" 644 <<DESKTOP
[Desktop Entry]
Type=Application
Name=pfrelax
GenericName=Calm breathing
Comment=Guided breathing and relaxation
Exec="$app_dir/pfrelax"
Icon=pfrelax
Terminal=false
Categories=Utility;
Keywords=breathing;relaxation;calm;
StartupWMClass=pfrelax
DESKTOP

write_file "$icons/scalable/apps/pfrelax.svg" 644 < "$here/icons/pfrelax.svg"
write_file "$icons/256x256/apps/pfrelax.png" 644 < "$here/icons/pfrelax.png"

{
  printf 'file %s\n' "$launcher" "$desktop" "$icons/scalable/apps/pfrelax.svg" \
    "$icons/256x256/apps/pfrelax.png"
  if [ -f "$app_dir/installed-files.old" ]; then cat "$app_dir/installed-files.old"; fi
  printf '%s' "$created" | while IFS= read -r dir; do printf 'dir %s\n' "$dir"; done
} > "$manifest"
rm -f -- "$app_dir/installed-files.old"

echo "pfrelax is installed in $app_dir"
echo "Open it from your applications menu, or type: pfrelax"
case ":$PATH:" in
  *":$bin_home:"*) ;;
  *) echo "(The command is $launcher; $bin_home is not on your PATH yet, so type that full path.)" ;;
esac
echo "To remove it: $app_dir/uninstall.sh (your own data stays unless you add --delete-my-data)"
