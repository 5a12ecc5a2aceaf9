import Foundation
import Hummingbird
import LedgerCore
import LedgerRender
import LedgerUseCases

/// Facts that change over time, over the API: publications, withdrawals, corrections and
/// organisations (docs/openapi.yaml). Each is one event, like its CLI command.
extension LedgerServer {
    func addFactRoutes(to api: RouterGroup<LedgerRequestContext>) {
        api.post("artifacts/:ref/publications") { request, context in
            let caller = try await self.authorize(request, .recordFacts)
            let draft = try await self.decode(PublishRequest.Draft.self, from: request, limit: Self.maxBody)
            let publish = try Self.parsed {
                try PublishRequest(artifact: try Self.referenceText(context), url: draft.url, on: draft.on)
            }
            let app = self.context(caller)
            let (digest, seq) = try await self.call { try Publish(context: app).run(publish) }
            return try self.json(
                PublishView(digest: digest, publication: publish.publication, event: seq), status: .created)
        }
        api.post("artifacts/:ref/withdrawals") { request, context in
            let caller = try await self.authorize(request, .recordFacts)
            let draft = try await self.decode(UnpublishRequest.Draft.self, from: request, limit: Self.maxBody)
            let withdrawal = try Self.parsed {
                try UnpublishRequest(artifact: try Self.referenceText(context), on: draft.on, reason: draft.reason)
            }
            let app = self.context(caller)
            let (digest, seq) = try await self.call { try Unpublish(context: app).run(withdrawal) }
            return try self.json(
                WithdrawalView(digest: digest, date: withdrawal.date, reason: withdrawal.reason, event: seq),
                status: .created)
        }
        api.post("artifacts/:ref/corrections") { request, context in
            let caller = try await self.authorize(request, .recordFacts)
            let draft = try await self.decode(Correction.Draft.self, from: request, limit: Self.maxBody)
            let correction = try Self.parsed { try Correction(artifact: try Self.referenceText(context), draft) }
            let app = self.context(caller)
            let (event, seq) = try await self.call { try Correct(context: app).run(correction) }
            return try self.json(CorrectionView(event: event, seq: seq), status: .created)
        }
        api.get("organisations") { request, _ in
            let caller = try await self.authorize(request, .read)
            let on = request.uri.queryParameters.get("on")
            let day = try Self.parsed { try FieldKey.on.parsing { try on.map { try LedgerDate($0) } } }
            let app = self.context(caller)
            let directory = try await self.call { try Organisations(context: app).all() }
            let asOf = app.date(day)
            return try self.json(
                directory.organisations.values.sorted { $0.name < $1.name }.map {
                    OrganisationView($0, event: $0.addedSeq, on: asOf)
                })
        }
        api.post("organisations") { request, _ in
            let caller = try await self.authorize(request, .manageOrganisations)
            let draft = try await self.decode(OrganisationRequest.Draft.self, from: request, limit: Self.maxBody)
            let organisation = try Self.parsed { try OrganisationRequest(draft) }
            let app = self.context(caller)
            let (added, seq) = try await self.call { try Organisations(context: app).add(organisation) }
            return try self.json(OrganisationView(added, event: seq), status: .created)
        }
        api.post("organisations/:name/changes") { request, context in
            let caller = try await self.authorize(request, .manageOrganisations)
            let name = try context.parameters.require("name").removingPercentEncoding ?? ""
            let draft = try await self.decode(OrganisationUpdate.Draft.self, from: request, limit: Self.maxBody)
            let update = try Self.parsed { try OrganisationUpdate(name: name, draft) }
            let app = self.context(caller)
            let (changed, seq) = try await self.call { try Organisations(context: app).set(update) }
            return try self.json(OrganisationView(changed, event: seq), status: .created)
        }
    }
}
