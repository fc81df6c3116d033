/// Plans what a compose project needs against what the engine runs, and applies the difference.
public enum Orchestration {}
