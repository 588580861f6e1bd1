import json
import time

import pytest

from tutor.provision import provision_e5
from tutor.settings import E5_DIR_NAME


@pytest.mark.model
@pytest.mark.slow
def test_provision_builds_verifies_and_is_idempotent(tmp_path):
    target, check = provision_e5(tmp_path)
    assert target == tmp_path / E5_DIR_NAME
    assert check is not None and check.ok and check.minimum > 0.999
    marker = json.loads((target / "provisioned.json").read_text())
    assert marker["cosine_min"] > 0.999
    assert not (tmp_path / f"{E5_DIR_NAME}.partial").exists()
    started = time.perf_counter()
    again, second = provision_e5(tmp_path)
    assert again == target and second is None  # already right: nothing redone
    assert time.perf_counter() - started < 5  # generous: it only reads a marker
