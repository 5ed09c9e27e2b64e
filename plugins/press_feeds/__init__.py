"""Journalist feeds: RSS 2.0 and Atom per language, topic and tag, built with feedgen."""
