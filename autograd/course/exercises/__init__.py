"""The course's self-check exercises, one module per notebook (e.g. ``n03.py`` for notebook 03).

Importing this package registers every exercise with ``autograd.course.selfcheck``.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
