// The one door for commands: people over HTTP, the CLI and process managers all come in here.
import type { DomainError } from '../domain/shared/errors.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { acceptCommand, type CommandInput } from './acceptCommand.ts';
import type { WriteSide } from './aggregates.ts';
import type { CommandResult } from './result.ts';

export async function sendCommand(w: WriteSide, input: CommandInput): Promise<CommandResult | DomainError> {
  const command = acceptCommand(input, w.now().toISOString());
  return isDomainError(command) ? command : command.handle(w);
}

export type { CommandInput, WriteSide };
