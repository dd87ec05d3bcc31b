/** Why each assignment was made, in Chinese and English, as a leader reads it. */
import { MACHINE_KINDS, MACHINE_LABELS, type MachineNeeds } from '../../domain/blockageCause';

/** 16,000 m³ as "1.6 万m³" (leaders read 万m³) and "16,000 m³". */
export function volumeText(m3: number): { zh: string; en: string } {
  const zh = m3 >= 10_000 ? `${(m3 / 10_000).toFixed(1)} 万m³` : `${Math.round(m3).toLocaleString('en-US')} m³`;
  return { zh, en: `${Math.round(m3).toLocaleString('en-US')} m³` };
}

function machineNames(needs: MachineNeeds, lang: 'zh' | 'en'): string {
  const names = MACHINE_KINDS.filter((k) => needs[k] > 0).map((k) => (lang === 'zh' ? MACHINE_LABELS[k].zh : `${MACHINE_LABELS[k].en}s`));
  return names.join(lang === 'zh' ? '和' : ' and ');
}

export interface ReasonFacts {
  needs: MachineNeeds;
  /** 1 = the nearest team whose machines cover the job. */
  nearnessRank: number;
  impactM3: number;
  legKm: number;
  legMinutes: number;
  order: number;
}

/** "最近的有长臂钩机的作业队；可释放 1.6 万m³；路程 3.2 km 约 12 分钟". */
export function reasonFor(f: ReasonFacts): { zh: string; en: string } {
  const zhMachines = machineNames(f.needs, 'zh');
  const enMachines = machineNames(f.needs, 'en');
  const who = {
    zh: f.nearnessRank === 1 ? (zhMachines ? `最近的有${zhMachines}的作业队` : '最近的作业队') : `有${zhMachines || '人手'}的作业队中第 ${f.nearnessRank} 近（更近的队工时已排满）`,
    en: f.nearnessRank === 1 ? (enMachines ? `nearest team with ${enMachines}` : 'nearest team') : `${ordinal(f.nearnessRank)} nearest team with ${enMachines || 'hands'} (nearer ones are fully booked)`,
  };
  const volume = volumeText(f.impactM3);
  const km = f.legKm.toFixed(1);
  const minutes = Math.max(1, Math.round(f.legMinutes));
  const from = f.order === 1 ? { zh: '', en: '' } : { zh: '（从上一处）', en: ' from the previous stop' };
  return {
    zh: `${who.zh}；可释放 ${volume.zh}；路程 ${km} km 约 ${minutes} 分钟${from.zh}`,
    en: `${cap(who.en)}; releases ${volume.en}; ${km} km, about ${minutes} min${from.en}`,
  };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
