import { Global, Module } from '@nestjs/common';
import { Clock, Stopwatch, SystemClock, SystemStopwatch } from './clock';

@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: Stopwatch, useClass: SystemStopwatch },
  ],
  exports: [Clock, Stopwatch],
})
export class CommonModule {}
