"""JupyterHub for a geokit class on one server (see docs/instructors.md and deploy/README.md).

Run it as root with the kit's environment (environment.yml, or `pip install '.[lab,hub]'`)
first on PATH and `configurable-http-proxy` installed (npm):

    jupyterhub -f deploy/jupyterhub_config.py

Each student gets a server of their own, run by systemd as a throw-away system user with a private
home (SystemdSpawner's dynamic users), so no student can read another's files. Students log in
with the university's accounts through OAuthenticator (below: GitHub; any OAuth2/OIDC provider
works the same way), or from an LMS through LTI (deploy/README.md). The hub's tests
(tests/hub/) load this file and swap only the parts that need the outside world: the
authenticator, the spawner, the addresses.

Settings the tests rely on, and why:
- kernels on Unix sockets (``KernelManager.transport=ipc``): no port races when a whole class
  starts kernels on one machine at once;
- ``GEOKIT_STORE=~/.geokit``: every quiz saves to one folder in the student's home, wherever
  the lesson is opened from; ``geokit hub collect`` reads it there;
- ``ContentsManager.allow_hidden``: lets an admin copy that dot-folder through the hub's API;
- ``cleanup_servers = False``: restarting or upgrading the hub leaves students' servers (and
  their kernels) running;
- the idle culler stops a server idle for an hour; the student's answers are on disk and come
  back when they return.
"""

import os
import sys

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# -- who may log in: the hub's business, not the kit's ---------------------------------------
# GitHub OAuth (pip install oauthenticator). Register an OAuth app whose callback URL is
# https://<your hub>/hub/oauth_callback and put its id and secret in the environment.
c.JupyterHub.authenticator_class = "github"
c.GitHubOAuthenticator.oauth_callback_url = os.environ.get(
    "OAUTH_CALLBACK_URL", "https://hub.example.edu/hub/oauth_callback"
)
c.GitHubOAuthenticator.client_id = os.environ.get("GITHUB_CLIENT_ID", "")
c.GitHubOAuthenticator.client_secret = os.environ.get("GITHUB_CLIENT_SECRET", "")
# the class: members of a GitHub organisation (or list them in allowed_users)
c.GitHubOAuthenticator.allowed_organizations = {os.environ.get("GEOKIT_COURSE_ORG", "my-course")}
# instructors: hub admins, who may collect every student's answers (geokit hub collect)
c.Authenticator.admin_users = set(filter(None, os.environ.get("GEOKIT_INSTRUCTORS", "").split()))

# -- one server per student ------------------------------------------------------------------
c.JupyterHub.spawner_class = "systemdspawner"  # pip install jupyterhub-systemdspawner
c.SystemdSpawner.dynamic_users = True  # a private home per student, /var/lib/private/<user>
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
# Sized from the measurements in README.md ("Teaching a class"): a student's server with a
# lesson's kernel running holds about 250 MiB; the limit leaves room for a second notebook.
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_limit = 1.0
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "GEOKIT_STORE": "~/.geokit",  # geokit expands ~ to the student's home
    # kernels talk to their server over Unix sockets here (below): a short path, private to
    # each student because SystemdSpawner gives each a /tmp of their own
    "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime",  # noqa: S108 - a private /tmp per student
}
c.Spawner.args = [
    "--ContentsManager.allow_hidden=True",
    # Kernels on TCP pick free ports that another student's kernel, or a connection in
    # TIME_WAIT, can take before they bind: with a class starting at once on one machine, a
    # kernel then fails five restarts in a row. Unix sockets need no ports.
    "--KernelManager.transport=ipc",
    # offline and quiet in class: no news feed, no update check
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
]
# a class arrives at once: allow slow starts rather than failing them
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 120

# -- the hub itself ----------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("GEOKIT_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.cleanup_servers = False  # a hub restart does not stop the class
c.JupyterHub.db_url = os.environ.get("GEOKIT_HUB_DB", "sqlite:///jupyterhub.sqlite")

# -- idle culler: stop servers idle for an hour (answers are on disk and restored on return) --
CULL_TIMEOUT = int(os.environ.get("GEOKIT_CULL_TIMEOUT", "3600"))
CULL_EVERY = int(os.environ.get("GEOKIT_CULL_EVERY", str(max(1, min(600, CULL_TIMEOUT // 6)))))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={CULL_TIMEOUT}",
            f"--cull-every={CULL_EVERY}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]
