// The two ways a scenario stops early: the target cannot be put in the state it needs (Unreachable,
// whose message is the reason shown in the coverage matrix), or a setup step got a wrong answer
// (SetupFailed, whose finding is already recorded); and the way a run cannot start (UsageError: a
// missing key, an unknown operation), whose one-line message the CLI prints.
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

export class SetupFailed extends Error {
  override readonly name = 'SetupFailed';
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
