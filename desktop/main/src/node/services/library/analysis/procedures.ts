import type { analysisContract } from '@encore/shared/host/analysis';
import type { HostProcedures } from '../../../host/router';
import type { AnalysisService } from './AnalysisService';

type AnalysisProcedures = Pick<HostProcedures, keyof typeof analysisContract>;

/**
 * Binds the analysis host procedures (shared/src/host/analysis.ts) to the service.
 *
 * @example
 * const procedures = { ...createAnalysisProcedures(services.analysis) };
 */
export function createAnalysisProcedures(a: AnalysisService): AnalysisProcedures {
  return {
    'analysis.status': () => a.status(),
    'analysis.track': ({ id }) => a.track(id),
    'analysis.peaks': ({ id, buckets }) => a.peaks(id, buckets),
  };
}
