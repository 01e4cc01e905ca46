"""conductbot's Synapse module: `modules: [{module: synapse_module.ConductbotGuard, ...}]`.

See docs/guard.md for what it stops and how to configure it.
"""

from synapse_module.guard import ConductbotGuard, GuardConfig

__all__ = ["ConductbotGuard", "GuardConfig"]
