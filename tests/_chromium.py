"""How the browser and hub suites start Debian's Chromium: offline and quiet."""

#: no background networking, no component updates, and no DNS at all except for 127.0.0.1 (any
#: other host fails at once instead of timing out)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
