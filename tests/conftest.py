"""Fixtures shared by several test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.sample import SharedPool, write_sample


@pytest.fixture(scope="session")
def team_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of three tiny synthetic exports whose owners share part of their contacts."""
    folder = tmp_path_factory.mktemp("team") / "team"
    folder.mkdir()
    personas = ("bridger", "insider", "switcher")
    for seed, persona in enumerate(personas, start=1):
        write_sample(folder / f"{persona}.zip", persona=persona, connections=60, messages=300,
                     seed=seed, shared=SharedPool(size=40, share=0.5))
    return folder
