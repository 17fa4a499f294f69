#!/usr/bin/env bash
# Installs the C library built by `cargo build --release -p scrubjay-c`:
#
#   bindings/c/install.sh BUILD_DIR PREFIX
#
# BUILD_DIR holds libscrubjay_c.a and libscrubjay_c.so (e.g. target/release).
# Files land in $DESTDIR$PREFIX (DESTDIR is for packagers; the files name
# PREFIX):
#   include/scrubjay.h
#   lib/libscrubjay.a
#   lib/libscrubjay.so.VERSION, libscrubjay.so.ABI (soname), libscrubjay.so
#   lib/pkgconfig/scrubjay.pc          shared library: -lscrubjay
#   lib/pkgconfig/scrubjay-static.pc   static archive and its system libraries
#   lib/cmake/scrubjay/scrubjayConfig.cmake, scrubjayConfigVersion.cmake
#     find_package(scrubjay) gives scrubjay::static, scrubjay::shared and
#     scrubjay::scrubjay (static, or shared with -DSCRUBJAY_USE_SHARED=ON).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR PREFIX" >&2
  exit 2
fi
build=$1
prefix=$2
case "$prefix" in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dest="${DESTDIR:-}$prefix"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)
abi=$(sed -n 's/^pub const SCRUBJAY_ABI_VERSION: u32 = \([0-9]*\);/\1/p' "$here/src/abi.rs")
if [ -z "$version" ] || [ -z "$abi" ]; then
  echo "$0: cannot read the version from Cargo.toml or the ABI version from bindings/c/src/abi.rs" >&2
  exit 1
fi
for f in libscrubjay_c.a libscrubjay_c.so; do
  if [ ! -f "$build/$f" ]; then
    echo "$0: $build/$f not found; build it with: cargo build --release -p scrubjay-c" >&2
    exit 1
  fi
done

# What the static archive needs from the system, as rustc reports it for
# this target (`--print native-static-libs`), in link order.
static_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

install -d "$dest/include" "$dest/lib/pkgconfig" "$dest/lib/cmake/scrubjay"
install -m 644 "$root/include/scrubjay.h" "$dest/include/scrubjay.h"
install -m 644 "$build/libscrubjay_c.a" "$dest/lib/libscrubjay.a"
install -m 755 "$build/libscrubjay_c.so" "$dest/lib/libscrubjay.so.$version"
ln -sf "libscrubjay.so.$version" "$dest/lib/libscrubjay.so.$abi"
ln -sf "libscrubjay.so.$abi" "$dest/lib/libscrubjay.so"

cat > "$dest/lib/pkgconfig/scrubjay.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: scrubjay
Description: Find and scrub PII and secrets in text, JSON and NDJSON (shared library)
URL: https://github.com/scrubjay/scrubjay
Version: $version
Cflags: -I\${includedir}
Libs: -L\${libdir} -lscrubjay
Libs.private: $static_libs
EOF

cat > "$dest/lib/pkgconfig/scrubjay-static.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: scrubjay-static
Description: Find and scrub PII and secrets in text, JSON and NDJSON (static library)
URL: https://github.com/scrubjay/scrubjay
Version: $version
Cflags: -I\${includedir}
Libs: \${libdir}/libscrubjay.a $static_libs
EOF

cat > "$dest/lib/cmake/scrubjay/scrubjayConfigVersion.cmake" <<EOF
# Compatible when the major version matches (0.x: the minor too), and at
# least the version asked for.
set(PACKAGE_VERSION "$version")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif(PACKAGE_FIND_VERSION_MAJOR STREQUAL "0" AND NOT PACKAGE_FIND_VERSION_MINOR STREQUAL "$(echo "$version" | cut -d. -f2)")
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif(NOT PACKAGE_FIND_VERSION_MAJOR STREQUAL "$(echo "$version" | cut -d. -f1)")
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
endif()
EOF

cat > "$dest/lib/cmake/scrubjay/scrubjayConfig.cmake" <<'EOF'
# find_package(scrubjay) for the scrubjay C library.
#
#   find_package(scrubjay 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE scrubjay::scrubjay)
#
# Targets: scrubjay::static (libscrubjay.a and the system libraries it
# needs), scrubjay::shared (libscrubjay.so), and scrubjay::scrubjay, which
# is scrubjay::static unless SCRUBJAY_USE_SHARED is ON. Relocatable: paths
# are found from this file's location.
cmake_minimum_required(VERSION 3.5)
get_filename_component(_scrubjay_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(scrubjay_INCLUDE_DIRS "${_scrubjay_prefix}/include")

include(CMakeFindDependencyMacro)
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_dependency(Threads)

if(NOT TARGET scrubjay::static)
  add_library(scrubjay::static STATIC IMPORTED)
  set_target_properties(scrubjay::static PROPERTIES
    IMPORTED_LOCATION "${_scrubjay_prefix}/lib/libscrubjay.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_scrubjay_prefix}/include"
    INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS};m;rt;util;gcc_s")
endif()
if(NOT TARGET scrubjay::shared)
  add_library(scrubjay::shared SHARED IMPORTED)
  set_target_properties(scrubjay::shared PROPERTIES
    IMPORTED_LOCATION "${_scrubjay_prefix}/lib/libscrubjay.so"
EOF
cat >> "$dest/lib/cmake/scrubjay/scrubjayConfig.cmake" <<EOF
    IMPORTED_SONAME "libscrubjay.so.$abi"
EOF
cat >> "$dest/lib/cmake/scrubjay/scrubjayConfig.cmake" <<'EOF'
    INTERFACE_INCLUDE_DIRECTORIES "${_scrubjay_prefix}/include")
endif()
if(NOT TARGET scrubjay::scrubjay)
  add_library(scrubjay::scrubjay INTERFACE IMPORTED)
  if(SCRUBJAY_USE_SHARED)
    set_target_properties(scrubjay::scrubjay PROPERTIES INTERFACE_LINK_LIBRARIES scrubjay::shared)
  else()
    set_target_properties(scrubjay::scrubjay PROPERTIES INTERFACE_LINK_LIBRARIES scrubjay::static)
  endif()
endif()
set(scrubjay_LIBRARIES scrubjay::scrubjay)
unset(_scrubjay_prefix)
EOF

echo "installed scrubjay $version (ABI $abi) into $dest"
