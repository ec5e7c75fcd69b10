# Sourced by the test scripts: installs Debian packages that are missing, as root (CI and a fresh machine run as root).
#   apt_install "what it is for" package...
apt_install() {
    local what=$1
    shift
    if [[ $(id -u) -ne 0 ]]; then
        echo "$(basename "$0"): $what is missing and installing it needs root (apt-get install $*)." >&2
        exit 1
    fi
    echo "$(basename "$0"): installing $what" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends "$@" >&2
}
