// What bench/transport/main.ts and its echo child say to each other over the fork IPC channel.

export interface SetupCommand {
  readonly kind: "setup";
  /** Raw ZeroMQ: the parent's PUSH (child PULL connects) and the parent's PULL (child PUSH connects). */
  readonly rawPing: string;
  readonly rawPong: string;
  /** Reflex: the parent's LinkSender endpoint (child LinkReceiver connects). */
  readonly reflexPing: string;
  /** Reflex: where the child's LinkSender binds (parent LinkReceiver connects). */
  readonly reflexPong: string;
}

export interface StopCommand {
  readonly kind: "stop";
}

export type ChildCommand = SetupCommand | StopCommand;

export interface ChildReply {
  readonly kind: "ready" | "stopped";
}
