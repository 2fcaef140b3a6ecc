/// Drift detection: live objects compared with the objects of the applied revision.
public enum DriftReport {}
