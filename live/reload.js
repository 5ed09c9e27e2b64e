// Development only: `python -m live` adds this script to the pages it sends, never to files.
new EventSource("/__live/events").addEventListener("reload", () => location.reload());
