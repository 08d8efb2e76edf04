#!/usr/bin/env bash
# Installs what the project needs from Debian's packages when it is missing:
# Java 17 and Maven (to fetch and run Neo4j), Chromium (browser tests) and a
# Hangul font (fonts-noto-cjk) so that the browser tests' screenshots and the lawyers' PDF
# dossiers render Korean, and pango, which WeasyPrint draws the PDF dossiers with.
# Documents and media (documents/media): Tesseract with its Korean data (OCR of scanned
# letters; English comes with tesseract-ocr) and ffmpeg (ffprobe, video thumbnails, and
# public copies of video and audio without their metadata).
# Redis (redis-server): rate limits, the console's one-query-per-account rule and the
# documents worker's lease, shared by the app's processes when it runs several (ops/redis/).
set -euo pipefail
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing+=(libpango-1.0-0)
dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing+=(libpangoft2-1.0-0)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
dpkg -s tesseract-ocr-kor >/dev/null 2>&1 || missing+=(tesseract-ocr-kor)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# wrk: the benchmarks' load generator (a test runs the processes benchmark briefly).
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install: ${missing[*]}"; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
