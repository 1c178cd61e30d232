"""Names a package offers from its modules, imported on first use.

A stage of the pipeline (`volg.pipeline.clean`, `compose`, `deliver`, `develop`) offers its main names at the top
(`from volg.pipeline.compose import render_text`), but importing one of its modules
(`volg.pipeline.clean.gazetteer`) must not load them all: Python runs a package's `__init__` before any module of
it, and the clean stage's modules alone take a quarter of a second to load (simplemma's rules, lxml, the genre
patterns). So a stage's `__init__` imports its names only for the type checker and lets `offered` import each on
first use (PEP 562), the way `volg` offers `Service`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def offered(package: str, modules: Mapping[str, Sequence[str]]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports each name of `modules` (module → names) from its module
    on first use, and keeps it in the package; any other name is an AttributeError, as usual.

    A name that is also a module's (`compose.select`) cannot be offered so: importing that module puts the module
    in the package under its name, where `__getattr__` is never asked. The package imports such a name itself."""
    where = {name: module for module, names in modules.items() for name in names}
    if clash := sorted(set(where) & set(modules)):
        raise ValueError(f"{package}: {', '.join(clash)} would be hidden by the module of that name")

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

