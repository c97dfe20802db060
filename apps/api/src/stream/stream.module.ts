import { Module } from '@nestjs/common';
import { ProcessEventStream } from './process-event-stream';
import { StreamController } from './stream.http.controller';

@Module({ controllers: [StreamController], providers: [ProcessEventStream] })
export class StreamModule {}
