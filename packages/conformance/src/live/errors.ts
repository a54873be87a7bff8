// The two ways a scenario stops early: the target cannot be put in the state it needs (Unreachable,
// whose message is the reason shown in the coverage matrix), or a setup step got a wrong answer
// (SetupFailed, whose finding is already recorded).
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

export class SetupFailed extends Error {
  override readonly name = 'SetupFailed';
}
