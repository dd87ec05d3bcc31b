import { AppError } from '../../../shared/contract/errors';
import { commands } from './commands';

const USAGE = () => `DrainDesk 排涝调度台 命令行 (scripting)
用法 Usage: npm run cli -- <command> [options]      每个命令都有 --help (each command has --help)

${commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`没有这个命令：${name}\nUnknown command: ${name}\n\n${USAGE()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  await command.run(rest);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) {
      console.error(`错误：${error.messageZh}\nError: ${error.messageEn}`);
      process.exit(error.code === 'invalid_input' || error.code === 'import_invalid' ? 2 : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
