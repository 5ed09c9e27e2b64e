"""Settings for plain Pelican 4.12: default theme, its own translations and feeds."""

# PATH, OUTPUT_PATH and CACHE_PATH come from the command line (see bench.tools).
SITENAME = "Northwind Mobility newsroom"
SITEURL = "https://press.example.org"
AUTHOR = "Northwind Mobility"
TIMEZONE = "America/Toronto"
DEFAULT_LANG = "en"

# Translations are grouped by the `Key:` metadata, as our build groups by `key`
# (`Translation:` is reserved by Pelican: it marks an item as a translation).
ARTICLE_TRANSLATION_ID = "key"
DEFAULT_PAGINATION = 10

# Feeds comparable to ours: Atom and RSS for all, per language, per category and per tag.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
TRANSLATION_FEED_RSS = "feeds/all-{lang}.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
# Full content in RSS too, as our feeds and the Hugo templates carry it.
RSS_FEED_SUMMARY_ONLY = False

# Pelican's own content cache, so a rebuild is the best plain Pelican can do.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
