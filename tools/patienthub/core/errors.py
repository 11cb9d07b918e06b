"""The exceptions of patienthub. Each one is part of the API and maps to exit code 2 in the CLI."""


class PatientHubError(Exception):
    """Base class: a problem that stops a command (not a finding about a page)."""


class ConfigError(PatientHubError):
    """mkdocs.yml or a registry file is wrong."""


class UsageError(PatientHubError):
    """The command was called wrongly (a path that does not exist, a bad date)."""
