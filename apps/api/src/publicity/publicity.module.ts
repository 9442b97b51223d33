import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { PublicCommentRepository } from './public-comment.repository.js';
import { PublicCommentsController } from './public-comments.controller.js';
import { PublicPagesController } from './public-pages.controller.js';
import { PublicPagesRepository } from './public-pages.repository.js';
import { PublicPageServer } from './public-page-server.js';
import { PublicPageVersion } from './public-page-version.js';
import { ModeratePublicComment } from './use-cases/moderate-public-comment.js';
import { PublishAnswer } from './use-cases/publish-answer.js';
import { SubmitPublicComment } from './use-cases/submit-public-comment.js';

/**
 * Owns the public side (công khai): the pages anyone can read without signing in (/cong-khai: the notice of the
 * proposed exemplars with its comment form, the gallery of recognised exemplars, its feed and shared cards), the
 * comments the public sends (kept, audited, moderated), and the publication of answers. It reads only public facts
 * and never changes a candidate; what it adds to a review session goes through SessionChanges.
 */
@Module({
  imports: [
    ReviewsModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // Six text fields and one file; a comment's text is at most 5,000 characters (up to 20 kB of UTF-8).
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.PUBLIC_ATTACHMENT_MAX_BYTES, files: 1, fields: 8, parts: 9, fieldSize: 32 * 1024 } }),
    }),
  ],
  controllers: [PublicPagesController, PublicCommentsController],
  providers: [PublicPageVersion, PublicPageServer, PublicPagesRepository, PublicCommentRepository, SubmitPublicComment, ModeratePublicComment, PublishAnswer],
  exports: [PublicPageServer],
})
export class PublicityModule {}
