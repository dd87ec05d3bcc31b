import type { Command } from '../command';
import { backupCommand } from './backup';
import { settingsCommand } from './settings';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { exportCommand } from './export';
import { totalsCommand } from './totals';
import { rainfallImportCommand } from './rainfallImport';
import { capacityCommand } from './capacity';
import { fieldTokenCommand } from './field-token';
import { sheetCommand } from './sheet';
import { setupCommand } from './setup';
import { syncCommand } from './sync';
import { dispatchCommand } from './dispatch';

/** Every CLI command; each domain adds its own file and one line here. */
export const commands: Command[] = [settingsCommand, backupCommand, demoCommand, importCommand, exportCommand, totalsCommand, rainfallImportCommand, capacityCommand, fieldTokenCommand, sheetCommand, setupCommand, syncCommand, dispatchCommand];
