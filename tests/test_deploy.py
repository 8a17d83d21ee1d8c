"""deploy/: the Zero to JupyterHub values parse and name the image that environment.yml builds;
the one-server hub config keeps the settings the kit relies on."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from traitlets.config import Config

from geokit.teach.hub import DEFAULT_STORE

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def mebibytes(size: str) -> float:
    """A Kubernetes / Z2JH size ('320M', '1G', '512Mi') in MiB."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i?)?", str(size))
    assert m, f"not a size: {size!r}"
    unit = m[2] or ""
    scale = {"K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30,
             "Ti": 2**40, "": 1}[unit]
    return float(m[1]) * scale / 2**20


def test_values_name_the_image_repo2docker_builds_from_environment_yml(values) -> None:
    image = values["singleuser"]["image"]
    ref = f"{image['name']}:{image['tag']}"
    recipe = values["custom"]["geokit"]["image"]
    assert recipe["builder"] == "repo2docker"
    argv = shlex.split(recipe["build"])
    assert argv[0] == "jupyter-repo2docker"
    assert argv[argv.index("--image-name") + 1] == ref, "the values use another image"
    assert argv[-1] == ".", "build from the repository's top folder"
    assert "--no-run" in argv
    # repo2docker uses environment.yml only when nothing takes precedence over it
    assert recipe["environment"] == "environment.yml"
    for overriding in ("Dockerfile", "binder", ".binder"):
        assert not (ROOT / overriding).exists(), f"{overriding} would make repo2docker ignore " \
                                                 "environment.yml"
    env = yaml.safe_load((ROOT / recipe["environment"]).read_text(encoding="utf-8"))
    conda = [d.split(">=")[0] for d in env["dependencies"] if isinstance(d, str)]
    for needed in ("jupyterhub", "jupyterlab", "nbgitpuller", "jupyterhub-idle-culler"):
        assert needed in conda, f"the student image needs {needed}"
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "." in pip, "the image installs geokit from the repository"


def test_values_keep_answers_collectable_and_cull_idle_servers(values) -> None:
    single = values["singleuser"]
    assert single["extraEnv"]["GEOKIT_STORE"] == f"~/{DEFAULT_STORE}"
    assert single["storage"]["type"] != "none", "answers must outlive the pod"
    assert "--ContentsManager.allow_hidden=True" in values["hub"]["config"]["KubeSpawner"]["args"]
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] >= 600
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"


def test_memory_request_covers_the_measured_student_server(values) -> None:
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    measured = results["hub"]["figures"]["memory_per_student_mib"]["rss_p95"]
    guarantee = mebibytes(values["singleuser"]["memory"]["guarantee"])
    limit = mebibytes(values["singleuser"]["memory"]["limit"])
    assert measured <= guarantee <= limit
    assert guarantee <= 3 * measured, "the request is far above what a student uses"


def test_one_server_config_keeps_what_the_kit_relies_on() -> None:
    c = Config()
    code = compile((DEPLOY / "jupyterhub_config.py").read_text(encoding="utf-8"),
                   "jupyterhub_config.py", "exec")
    exec(code, {"get_config": lambda: c, "__file__": str(DEPLOY / "jupyterhub_config.py")})
    assert c.Spawner.environment["GEOKIT_STORE"] == f"~/{DEFAULT_STORE}"
    assert "--ContentsManager.allow_hidden=True" in c.Spawner.args
    assert c.JupyterHub.cleanup_servers is False
    assert c.JupyterHub.authenticator_class != "dummy"
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "jupyterhub_idle_culler" in culler["command"]
    role = next(r for r in c.JupyterHub.load_roles if "idle-culler" in r.get("services", []))
    assert {"list:users", "delete:servers"} <= set(role["scopes"])


def test_readme_quotes_the_recorded_hub_figures() -> None:
    """README "Teaching a class" quotes benchmarks/results.json: rerun benchmarks/hub.py, then
    update both."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Teaching a class" in readme
    section = readme.split("## Teaching a class", 1)[1].split("\n## ", 1)[0]
    hub = json.loads((ROOT / "benchmarks" / "results.json").read_text())["hub"]
    f = hub["figures"]
    assert hub["date"][:10] in section
    assert f"p50 {f['spawn_s']['p50']:.0f} s, p95 {f['spawn_s']['p95']:.0f} s" in section
    assert f"p99 {f['feedback_ms']['p99']:.0f} ms" in section
    assert f"{f['memory_per_student_mib']['rss_p95']:.0f} MiB RSS" in section
    assert f"**{f['largest_n_p99_under_1s']} students**" in section
    assert "300 students" in section
