import type { Command } from '../command';
import { backupCommand } from './backup';
import { settingsCommand } from './settings';

/** Every CLI command; each domain adds its own file and one line here. */
export const commands: Command[] = [settingsCommand, backupCommand];
