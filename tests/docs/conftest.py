"""A copy of the repository, shared by the tests that run README blocks."""

from __future__ import annotations

import pytest

from tests.docs.readme_blocks import Sandbox


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Sandbox:
    return Sandbox.create(tmp_path_factory.mktemp("readme"))
