"""press_build: the build engine. The pipeline, the safe writer, staging and swap, the
manifest, page keys and the workers; it knows no release and no feature: they hook in.

It is a library with a Pelican edge, not a plugin: PELICAN_CLASS names its PressPelican
(Pelican imports that name's top package only), which connects the Pelican signals that
drive its phases before any plugin registers, so it is not listed in PLUGINS.
"""

from .build import Build, build_of, find_build
from .compiled import SharedTemplates
from .edges import reported
from .pipeline import PressBuild, PressPelican, open_build

__all__ = [
    "Build",
    "PressBuild",
    "PressPelican",
    "SharedTemplates",
    "build_of",
    "find_build",
    "open_build",
    "reported",
]
