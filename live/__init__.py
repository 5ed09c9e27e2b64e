"""Live preview: build a site in one process, serve it, rebuild on save, reload the browser."""
