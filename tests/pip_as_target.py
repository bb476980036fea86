"""Run pip as if it ran on another Python and system: ``python pip_as_target.py PIP MARKERS ARGS...``.

pip's ``--python-version`` and ``--platform`` choose the wheels, but pip evaluates environment
markers (``numpy==2.5.5; python_version >= "3.12"``, a dependency's ``sys_platform == "win32"``)
against the Python that runs it (pip issues 11010 and 13296). This script runs pip from PIP (a
pip wheel or folder) with the marker environment updated by MARKERS (a JSON object), so one
machine can resolve what every supported (Python, system) pair would install.
"""

import json
import sys

if __name__ == "__main__":
    pip_location, markers_json, *pip_args = sys.argv[1:]
    sys.path.insert(0, pip_location)
    from pip._vendor.packaging import markers

    target = json.loads(markers_json)
    host_environment = markers.default_environment
    markers.default_environment = lambda: {**host_environment(), **target}

    from pip._internal.cli.main import main

    sys.exit(main(pip_args))
