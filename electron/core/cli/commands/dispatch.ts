import type { DispatchPlanOutput } from '../../../../shared/contract/dispatch';
import { volumeText } from '../../../../shared/calc/dispatch/reasons';
import { BLOCKAGE_CAUSE_LABELS, describeNeeds } from '../../../../shared/domain/blockageCause';
import { call, DATA_FLAG_HELP, parseFlags, withCore, type Command } from '../command';

const HELP = `用法 Usage: npm run cli -- dispatch --data DIR [--date D] [--json]

调度建议：哪个作业队带哪些机械先去哪些堵点（按可释放水量/工时最大化，HiGHS 求解，超时用贪心方案）。
只给建议，不写入；在“堵点 → 调度建议”里接受。
Suggested dispatch: which team with which machines to which blockages first, maximising the water
released within each team's hours (solved with HiGHS; the greedy plan when it runs out of time).
Nothing is written; accept it on the Blockages page.
    --date D   调度日报日期 YYYY-MM-DD，计划为次日的作业（默认最近有数据的一天）
               the sheet day; the plan is for the day after (default: latest day with data)
    --json     输出 JSON（与 dispatch.plan 相同） output the dispatch.plan JSON
${DATA_FLAG_HELP}`;

function printPlan(p: DispatchPlanOutput): void {
  const by = p.producedBy === 'solver' ? `${p.solver.name}（${p.solver.status}）` : `贪心 greedy（${p.solver.name}: ${p.solver.status}${p.solver.detail ? `, ${p.solver.detail}` : ''}）`;
  console.log(`调度建议 plan for ${p.workDate}（日报 sheet ${p.date}）  方案 by ${by}  用时 ${Math.round(p.ms)} ms`);
  console.log(`可释放 released ${volumeText(p.releasedM3).zh}（${p.impactBasis === 'runoff' ? '按滞留径流 runoff held' : '按截断蓄水 storage cut off'}）  贪心 greedy ${volumeText(p.greedy.releasedM3).zh}  工时 hours ${p.hoursUsed.toFixed(1)}`);
  for (const t of p.teams) {
    console.log(`\n${t.name}  ${t.hoursUsed.toFixed(1)}/${t.hoursLeft.toFixed(1)} h  ${volumeText(t.releasedM3).zh}`);
    for (const j of t.jobs) {
      console.log(`  ${j.order}. ${j.name}（${j.village}，${BLOCKAGE_CAUSE_LABELS[j.cause].zh}，${describeNeeds(j.needs, 'zh')}，${j.jobHours} h）`);
      console.log(`     ${j.reason.zh}`);
    }
  }
  if (p.leftOut.length > 0) console.log('');
  for (const l of p.leftOut) console.log(`未安排 left out: ${l.message.zh}\n                 ${l.message.en}`);
}

export const dispatchCommand: Command = {
  name: 'dispatch',
  summary: '调度建议 suggested dispatch of teams to blockages',
  help: HELP,
  async run(argv) {
    const { values } = parseFlags(argv, { data: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean', default: false } });
    await withCore(values.data, async (core) => {
      const plan = await call(core, 'dispatch.plan', values.date === undefined ? {} : { date: values.date });
      if (values.json) console.log(JSON.stringify(plan, null, 2));
      else printPlan(plan);
    });
  },
};
