"""The weekly planner: a week grid of moments and posts, the drafts beside it, and Plan my week."""

from somedesk.gui.planner.window import PlannerWindow

__all__ = ["PlannerWindow"]
