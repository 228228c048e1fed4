"""Validates the FIT-Connect metadata we build against FITKO's official metadata schema 1.0.0.

Run: ``python -m pytest ozg-validate/tests/test_fitconnect_official.py`` with ``cargo`` on the PATH and
the PyPI packages ``fitconnect==0.4.2`` (ships ``fitconnect/schema/metadata.schema.v1.0.0.json``, which
is loaded from the installed package, never copied into this repository) and ``jsonschema``; both are
in ``scripts/requirements-test.txt``. The documents come from
``cargo run -p ozg-validate --example fitconnect_metadata -- DIR``, which also writes the data parts and
attachments, so the SHA-512 hashes are recomputed here with ``hashlib``.
"""

import copy
import hashlib
import json
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent.parent
OFFICIAL_ID = "https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json"


@pytest.fixture(scope="module")
def official_validator():
    path = resources.files("fitconnect") / "schema" / "metadata.schema.v1.0.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"] == OFFICIAL_ID
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("fitconnect")
    subprocess.run(
        ["cargo", "run", "--quiet", "-p", "ozg-validate", "--example", "fitconnect_metadata", "--", str(out)],
        cwd=ROOT,
        check=True,
    )
    docs = {p.name.removesuffix(".metadata.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(out.glob("*.metadata.json"))}
    assert len(docs) >= 4
    return out, docs


def test_generated_metadata_is_valid_under_the_official_schema(official_validator, generated):
    _, docs = generated
    for name, doc in docs.items():
        errors = [f"{list(e.path)}: {e.message}" for e in official_validator.iter_errors(doc)]
        assert not errors, f"{name}: {errors}"


def test_hashes_match_the_content(generated):
    out, docs = generated
    for name, doc in docs.items():
        content = doc["contentStructure"]
        if "data" in content:
            expected = hashlib.sha512((out / f"{name}.data").read_bytes()).hexdigest()
            assert content["data"]["hash"] == {"type": "sha512", "content": expected}
        for att in content["attachments"]:
            data = (out / f"{name}.{att['attachmentId']}.bin").read_bytes()
            assert att["hash"]["content"] == hashlib.sha512(data).hexdigest()


def test_all_reply_channels_and_the_leika_urn_are_covered(generated):
    _, docs = generated
    channels = {next(iter(d["replyChannel"])) for d in docs.values() if "replyChannel" in d}
    assert channels == {"eMail", "deMail", "fink", "elster"}
    identifiers = [d["publicServiceType"]["identifier"] for d in docs.values() if "publicServiceType" in d]
    assert identifiers and all(i.startswith("urn:de:fim:leika:leistung:99") for i in identifiers)


@pytest.mark.parametrize("mutate", [
    lambda d: d["contentStructure"]["attachments"][0]["hash"].update(content="ABC"),
    lambda d: d["contentStructure"]["attachments"][0].update(purpose="scan"),
    lambda d: d["contentStructure"].pop("attachments"),
    lambda d: d.update(replyChannel={"eMail": {"address": "a@b.de"}, "deMail": {"address": "c@d.de"}}),
], ids=["hash", "purpose", "attachments", "two-reply-channels"])
def test_official_schema_rejects_broken_copies(official_validator, generated, mutate):
    """Control: the check can fail — broken copies of a generated document are rejected."""
    _, docs = generated
    doc = copy.deepcopy(docs["json_data_form_email"])
    mutate(doc)
    assert not official_validator.is_valid(doc)
