import Testing
@testable import DriftDetection
