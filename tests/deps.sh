#!/bin/sh
# Installs the Debian packages named on the command line that are missing,
# with apt-get (through sudo when not root). usage: sh tests/deps.sh PKG...
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "deps: all $# packages are installed"
    exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "deps: installing$missing"
$sudo apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
