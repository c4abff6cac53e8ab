"""Maps the repository's top-level data folders into the package (everything else is in pyproject.toml).

``scenarios/``, ``assets/`` and ``schema/`` stay where authors expect them in a checkout;
in the wheel they become ``simulator/scenarios``, ``simulator/assets`` and
``simulator/schema``, read through ``simulator.resources``. The code packages are found,
not listed, so a new subpackage can't be left out of the wheel by mistake.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = {
    "simulator.scenarios": "scenarios",
    "simulator.assets": "assets",
    "simulator.assets.portraits": "assets/portraits",  # a data folder: setuptools wants it named too
    "simulator.assets.stages": "assets/stages",
    "simulator.assets.reading_font": "assets/reading_font",
    "simulator.schema": "schema",
}

setup(
    packages=find_packages(include=["engine", "engine.*", "simulator", "simulator.*"]) + list(DATA_PACKAGES),
    package_dir=DATA_PACKAGES,
)
