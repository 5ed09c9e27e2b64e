"""Publishing: what is due when, and copying a built site to its target on time."""
